/**
 * The font stack of every screen and printed document: Roboto, then the shipped fonts for the scripts Roboto lacks
 * (script-fonts.css), then the system's. Importing this module loads the @font-face rules.
 */
import './script-fonts.css';

export const SCRIPT_FONTS = '"SENCo Desk Arabic", "SENCo Desk Bengali", "SENCo Desk Gurmukhi", "SENCo Desk Chinese"';
export const FONT_STACK = `Roboto, ${SCRIPT_FONTS}, "Helvetica Neue", Arial, sans-serif`;
/** The stack for printed pages (no "Helvetica Neue"). */
export const PRINT_FONT_STACK = `Roboto, ${SCRIPT_FONTS}, Arial, sans-serif`;
