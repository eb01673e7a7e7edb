import { createContext, useContext, type ReactNode } from 'react';
import type { Office, SessionInfo } from '../../../../shared/contract';
import type { Permission } from '../../../../shared/domain/roles';

export interface SignedInContext {
  session: SessionInfo;
  office: Office;
  appVersion: string;
  schemaVersion: number;
}

const SessionContext = createContext<SignedInContext | null>(null);

export function SessionProvider({ value, children }: { value: SignedInContext; children: ReactNode }) {
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SignedInContext {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in session');
  return value;
}

/** The UI hides what the role lacks; the core enforces it anyway. */
export function useCan(): (permission: Permission) => boolean {
  const { session } = useSession();
  return (permission) => session.permissions.includes(permission);
}
