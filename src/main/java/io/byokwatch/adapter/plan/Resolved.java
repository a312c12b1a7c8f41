package io.byokwatch.adapter.plan;

import com.google.gson.JsonElement;

/**
 * What a plan value turned out to be: known (possibly absent), expected (a stand-in for a value Azure assigns at
 * apply, the same wherever the plan refers to it), or open (cannot be told from the plan, with the reason).
 */
sealed interface Resolved {

    /** A value the plan states; {@code value} is null when the attribute is absent or null. */
    record Known(JsonElement value) implements Resolved {
    }

    /** A value known only after apply, stood in for by {@code value}; {@code what} describes it for people. */
    record Expected(String value, String what) implements Resolved {
    }

    /** Not knowable from the plan. */
    record Open(String reason) implements Resolved {
    }

    /** The text of a known string or the stand-in of an expected value; null when open or absent. */
    default String text() {
        if (this instanceof Known k) {
            return Json.text(k.value());
        }
        return this instanceof Expected e ? e.value() : null;
    }
}
