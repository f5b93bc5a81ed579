// Accounts: registration, sessions, clerks, API tokens, outbox (being built).
export {};
