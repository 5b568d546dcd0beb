/**
 * An information mark with a tooltip, reachable by keyboard: a focusable, named image around the icon. (The icon alone
 * would not do: MUI hides an icon from assistive technology, and a focusable element inside aria-hidden is announced
 * as nothing; axe: aria-hidden-focus.)
 */
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import InfoOutlined from '@mui/icons-material/InfoOutlined';

export function InfoTip({ text, testId, ml = 0 }: { readonly text: string; readonly testId?: string; readonly ml?: number }) {
  return (
    <Tooltip title={text}>
      <Box
        component="span"
        role="img"
        tabIndex={0}
        data-testid={testId}
        sx={{
          display: 'inline-flex',
          verticalAlign: 'middle',
          ml,
          color: 'text.secondary',
          borderRadius: '50%',
          '&:focus-visible': { outline: '3px solid #ffbf47', boxShadow: '0 0 0 5px #0b0c0c' },
        }}
      >
        <InfoOutlined fontSize="small" />
      </Box>
    </Tooltip>
  );
}
