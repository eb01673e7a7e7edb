import type { ReactNode } from 'react';
import { Table, Text, Title, type TableProps } from '@mantine/core';

export interface TitledTableColumn {
  /** The header text; none over a column of row buttons. */
  label?: string;
  /** A fixed width in px (a date, a button); the other columns share the rest. */
  width?: number;
}

/**
 * A titled list drawn as a table, as the import history, the remembered mappings and the backup
 * list show theirs: the title, whatever sits between (a hint, errors, controls: `children`), then the
 * rows under a header row, or one dimmed line when there are none. While `rows` is undefined (still
 * loading, or failed) neither is drawn.
 *
 * It renders a fragment, not a Stack: the caller's Stack spaces the title, the table and whatever
 * the section shows after it (a result line, a dialog) alike.
 */
export function TitledTable<Row>({
  title,
  order = 3,
  children,
  columns,
  rows,
  renderRow,
  empty,
  emptyTestId,
  minWidth,
  table,
  testId,
}: {
  title: string;
  /** 3 for a section of its own page, 4 for a part of a section; drawn one size smaller, as elsewhere. */
  order?: 3 | 4;
  children?: ReactNode;
  columns: TitledTableColumn[];
  rows: readonly Row[] | undefined;
  /** One Table.Tr, with its key. */
  renderRow(row: Row): ReactNode;
  /** The line shown instead of an empty table. */
  empty: string;
  emptyTestId?: string;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  table?: Pick<TableProps, 'striped' | 'highlightOnHover' | 'verticalSpacing'>;
  testId?: string;
}) {
  return (
    <>
      <Title order={order} size={order === 3 ? 'h4' : 'h5'}>
        {title}
      </Title>
      {children}
      {rows && rows.length === 0 && (
        <Text size="sm" c="dimmed" data-testid={emptyTestId}>
          {empty}
        </Text>
      )}
      {rows && rows.length > 0 && (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table {...table} data-testid={testId}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((column, i) => (
                  <Table.Th key={i} w={column.width}>
                    {column.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{rows.map((row) => renderRow(row))}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
