import { z } from 'zod';

// The CSP forbids eval: zod must not even probe `new Function` (the caught probe is still reported
// as a policy violation). Imported first by main.tsx, before any schema parses.
z.config({ jitless: true });
