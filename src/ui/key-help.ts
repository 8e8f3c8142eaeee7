/** Every key, per screen: the help overlay shows these, and the screens implement them. */
export interface KeyGroup {
  screen: string;
  keys: [key: string, what: string][];
}

export const KEY_HELP: KeyGroup[] = [
  {
    screen: 'Everywhere',
    keys: [['?', 'this help (↑↓ scroll it when it is taller than the terminal; any other key closes it)'], ['Ctrl-C', 'stop everything and quit at once']],
  },
  {
    screen: 'Setup',
    keys: [
      ['↑ ↓ / k j', 'choose a field'],
      ['← → / h l', 'choose a value'],
      ['space', 'toggle the value (test row: pick latency, churn or capacity; preset row: apply the preset)'],
      ['e', 'edit the field as text (lists comma-separated: 1,10,250; durations 500ms, 30s)'],
      ['0-9', 'start typing a number in a numeric field'],
      ['enter', 'run the plan (refused until it is valid); while editing: accept'],
      ['esc', 'cancel an edit'],
      ['o', 'open the saved snapshots'],
      ['q', 'quit'],
    ],
  },
  {
    screen: 'Run',
    keys: [
      ['p', 'latency: pause before the next scenario / resume'],
      ['x', 'latency: skip the current scenario'],
      ['q', 'abort the run and quit (asks first: y / n)'],
      ['esc', 'back to Setup once the run has ended with an error'],
    ],
  },
  {
    screen: 'Results',
    keys: [
      ['m / tab', 'next metric (shift-tab: previous); capacity has one table'],
      ['↑ ↓ ← → / hjkl', 'select a cell (capacity: a row)'],
      ['enter', "open the cell's (row's) detail"],
      ['s', 'save the run as a snapshot (shows the path written)'],
      ['o', 'open the saved snapshots'],
      ['esc / q', 'close the detail; back to Setup (or to the list)'],
    ],
  },
  {
    screen: 'Snapshots',
    keys: [
      ['↑ ↓ / k j', 'choose a snapshot'],
      ['enter', 'open it in the Results view (esc comes back)'],
      ['space', 'mark / unmark it for comparing (two at most)'],
      ['c', 'compare the two marked (same kind): B (newer) against A (older)'],
      ['d', 'delete the file (asks first: y / n)'],
      ['esc / q', 'back'],
    ],
  },
  {
    screen: 'Compare',
    keys: [
      ['m / tab', 'next metric (shift-tab: previous)'],
      ['← → / h l', 'scroll the columns'],
      ['↑ ↓ / k j, space / b', 'churn and capacity comparisons: scroll a line, a page'],
      ['esc / q', 'back to the list'],
    ],
  },
];
