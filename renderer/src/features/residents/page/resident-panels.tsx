/**
 * The panels other features add to the resident page (app/features.ts): assistance cases,
 * elderly-care services, household visits — for now the placeholders of modules still to come.
 */
import { SimpleGrid } from '@mantine/core';
import type { Resident } from '../../../../../shared/contract';
import { useRegistry } from '../../../app/registry/registry-context';

export function ResidentPanels({ resident }: { resident: Resident }) {
  const { residentPanels } = useRegistry();
  if (residentPanels.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
      {residentPanels.map(({ id, Panel }) => (
        <Panel key={id} resident={resident} />
      ))}
    </SimpleGrid>
  );
}
