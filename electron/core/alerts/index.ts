/** What other features may use of alerts: raising one inside their own write, and resolving it when its condition is gone. */
export { raiseAlert, resolveAlertsFor } from './service';
export type { AlertSpec, ResolveFilter } from './service';
