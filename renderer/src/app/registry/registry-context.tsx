/**
 * The registry reaches the shell and the resident page through context, so no feature imports the
 * list of features (which imports every feature back).
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Registry } from './registry';

const RegistryContext = createContext<Registry | null>(null);

export function RegistryProvider({ registry, children }: { registry: Registry; children: ReactNode }) {
  return <RegistryContext value={registry}>{children}</RegistryContext>;
}

export function useRegistry(): Registry {
  const registry = useContext(RegistryContext);
  if (!registry) throw new Error('useRegistry outside RegistryProvider');
  return registry;
}
