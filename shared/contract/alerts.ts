/** 提醒 alerts: the shared inbox every module raises alerts into (to be filled). */
export const alertsContract = {};
