/**
 * The layout engine: a pure function from a session's recordings and a validated layout request to
 * an immutable {@link dev.montage.layout.CompositionPlan} (DESIGN.md §4 step 3).
 *
 * <p>Entry point: {@link dev.montage.layout.LayoutPlanner#plan}. The package imports only
 * {@code java.*} and does no I/O, logging or clock reading, so plans can be compared with
 * {@code equals}, cached and previewed; problems that do not stop a composition come back as
 * warnings in the plan. Times are milliseconds on the session clock unless a name says
 * "output"; spans are half-open ({@link dev.montage.layout.TimeSpan}).
 */
package dev.montage.layout;
