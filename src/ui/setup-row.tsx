/**
 * One row of the Setup form: the field's flag, then its chips or its value; the text
 * being typed when editing; the schema's message under it when the value is invalid.
 *
 *   > clients            [x] 1  [x] 10  [ ] 100  [ ] 1000  [ ] 10000
 *                        ✗ must be at least 1
 */
import { Box, Text } from 'ink';
import type { FormRow, FormValues } from './plan-form.js';
import { isChosen, rowOptions, valueText } from './plan-form.js';
import { tint } from './theme.js';

export interface SetupRowProps {
  row: FormRow;
  values: FormValues;
  focused: boolean;
  col: number;
  editing: string | undefined;
  error: string | undefined;
  preset: string | undefined;
  /** The kind of test chosen: the test row's chosen chip. */
  testKind: string;
  labelWidth: number;
}

export function SetupRow({ row, values, focused, col, editing, error, preset, testKind, labelWidth }: SetupRowProps) {
  const label = row.kind === 'field' ? row.meta.flag : row.kind;
  const options = rowOptions(row, values);
  const radio = row.kind !== 'field' || row.meta.kind === 'enum';
  return (
    <Box flexDirection="column">
      <Box>
        {/* A row whose chips wrap must not squeeze its label: the labels stay one column. */}
        <Box flexShrink={0} width={labelWidth + 2}>
          <Text color={focused ? tint('accent') : undefined} bold={focused}>
            {focused ? '> ' : '  '}
            {label.padEnd(labelWidth)}
          </Text>
        </Box>
        {editing !== undefined && focused ? (
          <Text>
            {editing}
            <Text inverse> </Text>
            <Text color={tint('dim')}> (enter: accept, esc: cancel)</Text>
          </Text>
        ) : options.length > 0 ? (
          <Text wrap="wrap">
            {options.map((o, i) => {
              const chosen = row.kind === 'preset' ? o === preset : row.kind === 'test' ? o === testKind : isChosen(row, values, o);
              const mark = radio ? (chosen ? '(•)' : '( )') : chosen ? '[x]' : '[ ]';
              const bad = Number.isNaN(Number(o)) && row.kind === 'field' && row.meta.kind === 'intList';
              return (
                <Text key={o}>
                  <Text inverse={focused && i === col} color={bad ? tint('bad') : chosen ? tint('good') : undefined}>
                    {mark} {o}
                  </Text>
                  {'  '}
                </Text>
              );
            })}
          </Text>
        ) : (
          <Text inverse={focused}>{row.kind === 'field' ? valueText(row.meta, values[row.key]) || ' ' : ''}</Text>
        )}
      </Box>
      {error ? (
        <Text color={tint('bad')}>
          {' '.repeat(labelWidth + 2)}✗ {error}
        </Text>
      ) : null}
    </Box>
  );
}
