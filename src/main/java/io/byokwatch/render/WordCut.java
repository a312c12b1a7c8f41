package io.byokwatch.render;

/**
 * Shortens text for a chat message without cutting a word in two: at the last space that fits, with an ellipsis. A
 * single word longer than the limit (an id, a URL) is cut where it must be.
 */
public final class WordCut {
    private WordCut() {
    }

    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int room = Math.max(0, max - 1);
        int space = text.lastIndexOf(' ', room);
        int end = space > room / 2 ? space : room;
        String head = text.substring(0, end).stripTrailing();
        // a sentence cut after its punctuation reads better without it
        while (!head.isEmpty() && ",;:".indexOf(head.charAt(head.length() - 1)) >= 0) {
            head = head.substring(0, head.length() - 1);
        }
        return head + "\u2026";
    }
}
