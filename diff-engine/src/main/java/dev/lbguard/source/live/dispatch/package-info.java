/**
 * Opens a live source by its spec ({@code tfstate:}, {@code tfshow:}, {@code plan:}, {@code snapshot:},
 * {@code aws:}, {@code haproxy:}). It sits above the live sources so that the API readers ({@code live.aws},
 * {@code live.haproxy}) and the file readers ({@code live}) never depend on the package that chooses among them.
 */
package dev.lbguard.source.live.dispatch;
