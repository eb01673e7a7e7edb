/** What other features may use of alerts (to be filled: raising one). */
export {};
