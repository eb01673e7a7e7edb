/**
 * Office roles and what each may do. Permissions are checked in the core dispatcher for every call;
 * the UI only hides what a role cannot use.
 */
export const ROLES = ['admin', 'supervisor', 'clerk', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'office.read', // see office profile and settings
  'office.manage', // change office settings
  'accounts.manage', // create users, change roles, reset passwords
  'records.read', // read registry data (residents, households, cases …)
  'records.write', // register and edit records
  'records.revealId', // see full ID numbers (every reveal is audited)
  'records.approve', // supervisor decisions: merges, approvals
  'system.maintain', // integrity checks, backups
  'audit.read', // browse and verify the audit trail (审计日志)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const viewer: Permission[] = ['office.read', 'records.read'];
const clerk: Permission[] = [...viewer, 'records.write', 'records.revealId'];
// Supervisors oversee the clerks' work, so they read the trail of it; clerks do not watch each other.
const supervisor: Permission[] = [...clerk, 'records.approve', 'system.maintain', 'audit.read'];
const admin: Permission[] = [...supervisor, 'office.manage', 'accounts.manage'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = { admin, supervisor, clerk, viewer };

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
