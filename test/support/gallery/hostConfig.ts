// A Teams-like light host config for Microsoft's Adaptive Cards renderer: Teams' spacing, font
// sizes, colours and action layout (values as Microsoft's published Teams light sample has them).
// Segoe UI is not on Linux; Liberation Sans has near metrics, so a title cut here is cut in Teams.

const FONT = "'Segoe UI', 'Liberation Sans', Arial, sans-serif";
const sizes = { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 };
const weights = { lighter: 200, default: 400, bolder: 600 };
const foreground = {
  default: { default: '#ff252424', subtle: '#bf252424' },
  dark: { default: '#252424', subtle: '#bf252424' },
  light: { default: '#ffffff', subtle: '#fff3f2f1' },
  accent: { default: '#6264a7', subtle: '#8b8cc7' },
  good: { default: '#92c353', subtle: '#e592c353' },
  warning: { default: '#f8d22a', subtle: '#e5f8d22a' },
  attention: { default: '#c4314b', subtle: '#e5c4314b' },
};
const style = (backgroundColor: string) => ({ backgroundColor, foregroundColors: foreground });

export const TEAMS_LIGHT = {
  supportsInteractivity: true,
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#EEEEEE' },
  imageSizes: { small: 32, medium: 52, large: 100 },
  fontTypes: {
    default: { fontFamily: FONT, fontSizes: sizes, fontWeights: weights },
    monospace: { fontFamily: "'Courier New', 'Liberation Mono', monospace", fontSizes: sizes, fontWeights: weights },
  },
  containerStyles: {
    default: style('#ffffff'),
    emphasis: style('#fff9f8f7'),
    accent: style('#C7DEF9'),
    good: style('#CCFFCC'),
    attention: style('#FFC5B2'),
    warning: style('#FFE2B2'),
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 16, style: 'emphasis' },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
  },
  adaptiveCard: { allowCustomStyle: false },
  factSet: {
    title: { size: 'default', color: 'default', weight: 'bolder', wrap: true, maxWidth: 150 },
    value: { size: 'default', color: 'default', weight: 'default', wrap: true },
    spacing: 16,
  },
};

/** Teams' look of the parts the host config does not cover: buttons, inputs, the card's frame. */
export const TEAMS_CSS = `
body { margin: 0; background: #f5f5f5; font-family: ${FONT}; }
.frame { width: 500px; background: #fff; border-radius: 4px; box-shadow: 0 1px 2px rgba(0,0,0,.15); margin: 8px; }
.ac-pushButton { font: 600 14px ${FONT}; min-height: 32px; padding: 4px 12px; border: 1px solid #e0e0e0; border-radius: 4px;
  background: #fff; color: #252424; display: flex; align-items: center; justify-content: center; overflow: hidden; cursor: pointer; }
.ac-pushButton.style-positive { background: #6264a7; border-color: #6264a7; color: #fff; }
.ac-pushButton.style-destructive { color: #c4314b; }
.ac-input { font: 14px ${FONT}; }
.ac-input.ac-textInput, .ac-input.ac-numberInput, .ac-input.ac-dateInput, .ac-input.ac-timeInput, select.ac-input {
  min-height: 32px; padding: 4px 8px; border: 1px solid #e0e0e0; border-radius: 4px; box-sizing: border-box; width: 100%; }
.ac-input.ac-textInput.ac-multiline { min-height: 64px; }
.ac-textBlock p { margin: 0; }
.ac-textBlock p + p { margin-top: 8px; }
`;
