/**
 * The titled table (renderer/src/app/components/titled-table.tsx) behind the import history, the
 * remembered mappings and the backup list: only the title while the rows load, one dimmed line
 * instead of an empty table, and otherwise a header row over the rows, after what sits between.
 */
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { MantineProvider, Table, Text } from '@mantine/core';
import { TitledTable } from '../../renderer/src/app/components/titled-table';

interface Backup {
  file: string;
  office: string;
}

function BackupTable({ rows }: { rows: Backup[] | undefined }) {
  return (
    <MantineProvider>
      <TitledTable
        title="备份列表"
        order={4}
        columns={[{ label: '单位', width: 200 }, {}]}
        rows={rows}
        renderRow={(row) => (
          <Table.Tr key={row.file} data-testid="row">
            <Table.Td>{row.office}</Table.Td>
            <Table.Td>{row.file}</Table.Td>
          </Table.Tr>
        )}
        empty="这个文件夹里没有备份。"
        emptyTestId="empty"
        minWidth={640}
        testId="table"
      >
        <Text data-testid="between">文件夹</Text>
      </TitledTable>
    </MantineProvider>
  );
}

describe('titled table', () => {
  it('shows only the title and what sits under it while the rows are loading', () => {
    render(<BackupTable rows={undefined} />);
    expect(screen.getByRole('heading', { level: 4, name: '备份列表' })).toBeTruthy();
    expect(screen.getByTestId('between')).toBeTruthy();
    expect(screen.queryByTestId('empty')).toBeNull();
    expect(screen.queryByTestId('table')).toBeNull();
  });

  it('says there is nothing instead of drawing an empty table', () => {
    render(<BackupTable rows={[]} />);
    expect(screen.getByTestId('empty').textContent).toBe('这个文件夹里没有备份。');
    expect(screen.queryByTestId('table')).toBeNull();
  });

  it('draws the header row over one row per item, below the title and what sits between', () => {
    render(
      <BackupTable
        rows={[
          { file: 'a.cdbak', office: '朝阳街社区' },
          { file: 'b.cdbak', office: '河滨街社区' },
        ]}
      />,
    );
    const table = screen.getByTestId('table');
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((th) => th.textContent)).toEqual(['单位', '']);
    expect(within(table).getAllByTestId('row').map((tr) => tr.textContent)).toEqual(['朝阳街社区a.cdbak', '河滨街社区b.cdbak']);
    expect(screen.queryByTestId('empty')).toBeNull();
    const heading = screen.getByRole('heading', { name: '备份列表' });
    expect(heading.compareDocumentPosition(screen.getByTestId('between')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByTestId('between').compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
