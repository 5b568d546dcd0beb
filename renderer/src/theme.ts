/**
 * A calm, high-contrast theme: a deep blue primary (contrast well above WCAG AA on white), sentence-case buttons,
 * and a focus ring that is always visible for keyboard users (UI handbook: visible focus).
 */
import { createTheme } from '@mui/material/styles';
import type {} from '@mui/x-charts/themeAugmentation';
import type {} from '@mui/x-data-grid/themeAugmentation';
import { FONT_STACK } from './script-fonts';

const focusRing = {
  outline: '3px solid #ffbf47',
  outlineOffset: 0,
  boxShadow: '0 0 0 5px #0b0c0c',
};

export const theme = createTheme({
  palette: {
    mode: 'light',
    primary: { main: '#1d4f91', dark: '#143a6b', light: '#4a74b5', contrastText: '#ffffff' },
    secondary: { main: '#5b3f8c' },
    background: { default: '#f4f6f8', paper: '#ffffff' },
    text: { primary: '#1b1f24', secondary: '#4b5563' },
    divider: '#d9dee5',
    error: { main: '#b3261e' },
    success: { main: '#1e6b3a' },
    warning: { main: '#8a5a00' },
    info: { main: '#1d4f91' },
  },
  shape: { borderRadius: 8 },
  typography: {
    fontFamily: FONT_STACK,
    h1: { fontSize: '1.75rem', fontWeight: 500, lineHeight: 1.25 },
    h2: { fontSize: '1.35rem', fontWeight: 500, lineHeight: 1.3 },
    h3: { fontSize: '1.1rem', fontWeight: 500, lineHeight: 1.35 },
    button: { textTransform: 'none', fontWeight: 500 },
  },
  components: {
    // A temporary drawer (the calendar's session details, a referral) is modal: above the fixed top bar, whose
    // z-index is drawer + 1 so that it sits over the permanent navigation; at the drawer's own z-index the top bar
    // covered the drawer's title.
    MuiDrawer: { styleOverrides: { modal: ({ theme: th }) => ({ zIndex: th.zIndex.modal }) } },
    MuiCssBaseline: {
      styleOverrides: {
        body: { backgroundColor: '#f4f6f8' },
        'a:focus-visible, button:focus-visible, [role="button"]:focus-visible, [role="tab"]:focus-visible, [role="link"]:focus-visible':
          focusRing,
      },
    },
    // The focused cell or column header of a data grid (the register, the audit trail): a 3-pixel ring in the primary
    // blue (8:1 on white), inside the cell. The grid's own ring is 1 pixel, too faint to follow; as a style override it
    // comes after the grid's own rules (a global rule lost to them).
    MuiDataGrid: {
      styleOverrides: {
        root: {
          '& .MuiDataGrid-cell:focus, & .MuiDataGrid-cell:focus-within, & .MuiDataGrid-columnHeader:focus, & .MuiDataGrid-columnHeader:focus-within':
            {
              outline: '3px solid #1d4f91',
              outlineOffset: -3,
            },
        },
      },
    },
    // A wide table scrolls inside its container, and so does what is placed within it: a visually hidden header
    // (absolutely placed) otherwise escaped to the page and made the whole page scroll sideways (the referrals list).
    MuiTableContainer: { styleOverrides: { root: { position: 'relative' } } },
    MuiButtonBase: { defaultProps: { disableRipple: false } },
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiPaper: { defaultProps: { elevation: 0 }, styleOverrides: { outlined: { borderColor: '#d9dee5' } } },
    MuiTextField: { defaultProps: { fullWidth: true } },
    // A disabled field's helper text still explains something (why it is disabled, what it holds): it keeps the
    // secondary text colour (7:1 on white) rather than MUI's disabled grey (#9e9e9e, 2.7:1, below WCAG AA).
    MuiFormHelperText: { styleOverrides: { root: ({ theme: th }) => ({ '&.Mui-disabled': { color: th.palette.text.secondary } }) } },
    MuiFormControl: { defaultProps: { fullWidth: true } },
    MuiTooltip: { defaultProps: { arrow: true } },
    // Every chart repeats a table shown beside it or read in its place (components/progress/chart-figure.tsx), and is
    // hidden from assistive technology; the charts' own keyboard navigation put a focus stop inside that hidden
    // content (axe: aria-hidden-focus), so keyboard users read the table instead.
    MuiBarChart: { defaultProps: { disableKeyboardNavigation: true } },
    MuiLineChart: { defaultProps: { disableKeyboardNavigation: true } },
    // Tabs scroll rather than clip (a narrow window, a zoomed screen, a longer translation): arrows appear at either
    // end whenever the tabs do not fit, and the chosen tab is scrolled into view.
    MuiTabs: { defaultProps: { variant: 'scrollable', scrollButtons: 'auto', allowScrollButtonsMobile: true } },
    MuiTab: {
      // A tab reached by keyboard (arrows, Home, End) scrolls into view, not only the chosen one.
      defaultProps: { onFocus: (e) => e.currentTarget.scrollIntoView({ block: 'nearest', inline: 'nearest' }) },
      // The focus ring sits inside the tab: the row of tabs scrolls, and its box cut off a ring drawn outside.
      styleOverrides: {
        root: {
          textTransform: 'none',
          fontWeight: 500,
          fontSize: '0.95rem',
          '&:focus-visible': { outline: '3px solid #0b0c0c', outlineOffset: -3, boxShadow: 'inset 0 0 0 6px #ffbf47' },
        },
      },
    },
    // A chosen toggle (attendance, a period, a filter) is plain at a glance, not by a faint tint alone: filled, bold,
    // and ticked (the tick is silent to screen readers, which hear "pressed").
    MuiToggleButton: {
      styleOverrides: {
        root: {
          '&.Mui-selected, &.Mui-selected:hover': { backgroundColor: '#1d4f91', color: '#ffffff', fontWeight: 700 },
          '&.Mui-selected::before': { content: '"✓" / ""', marginRight: 6, fontWeight: 700 },
          '&.Mui-selected kbd': { color: '#ffffff', borderColor: 'rgba(255, 255, 255, 0.7)' },
        },
      },
    },
  },
});
