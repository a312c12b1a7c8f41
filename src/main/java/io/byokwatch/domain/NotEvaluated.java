package io.byokwatch.domain;

/** A rule that could not run because the inventory lacks a fact; the reason says which and how to supply it. */
public record NotEvaluated(String ruleId, ResourceId resourceId, String reason) {
}
