package io.byokwatch.port;

/**
 * A value a plan leaves open and how byokwatch followed it: {@code address.attribute} was traced through
 * {@code reference} to {@code target}. {@code value} is what the records carry in its place; when {@code atApply} is
 * true it is a stand-in for a value Azure assigns at apply (a principal id, a key version), the same stand-in
 * wherever the plan refers to that value, so that a grant planned for a set's identity matches the set.
 */
public record PlanResolution(String address, String attribute, String reference, String target, String value,
                             boolean atApply) {
}
