/** Process-wide state that request handlers read: set once when shutdown begins. */
export interface Lifecycle {
  shuttingDown: boolean;
}
