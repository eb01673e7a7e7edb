import type { SectionHandlers } from '../handlers';

/** The alert inbox (to be filled). */
export const alertsHandlers: SectionHandlers<'alerts'> = {};
