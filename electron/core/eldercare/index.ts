/** What other features may use of elderly care (nothing yet; they import nothing else from this folder). */
export {};
