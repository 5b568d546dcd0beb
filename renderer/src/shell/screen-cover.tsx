import { useEffect, useState, type KeyboardEventHandler, type MouseEventHandler, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Modal from '@mui/material/Modal';
import type { SxProps, Theme } from '@mui/material/styles';

const SKIP = new Set(['SCRIPT', 'STYLE', 'LINK', 'TEMPLATE', 'NOSCRIPT', 'META']);

/**
 * Hides every other child of <body> (the app itself and any dialog, menu, tooltip or message that MUI put in a
 * portal) with `visibility: hidden` and `inert`, so nothing shows through and nothing can be reached by keyboard or
 * a screen reader (inert content leaves the accessibility tree; MUI's Modal adds aria-hidden to the siblings it
 * found and takes it away again itself); children added while covered (a message appearing after a save) are
 * hidden too. The elements stay mounted, so half-typed forms keep their text. Returns the undo.
 */
export function hideEverythingBut(keep: HTMLElement): () => void {
  const saved = new Map<HTMLElement, { readonly inert: boolean; readonly visibility: string }>();
  const hide = (node: Node) => {
    if (!(node instanceof HTMLElement) || node === keep || SKIP.has(node.tagName) || saved.has(node)) return;
    saved.set(node, { inert: node.inert, visibility: node.style.visibility });
    node.inert = true;
    node.style.visibility = 'hidden';
  };
  Array.from(document.body.children).forEach(hide);
  const observer = new MutationObserver((records) => {
    for (const r of records) r.addedNodes.forEach(hide);
  });
  observer.observe(document.body, { childList: true });
  return () => {
    observer.disconnect();
    for (const [node, was] of saved) {
      node.inert = was.inert;
      node.style.visibility = was.visibility;
    }
  };
}

function canTakeFocus(el: Element | null): el is HTMLElement {
  return el instanceof HTMLElement && el.isConnected && el !== document.body && !el.closest('[inert]');
}

/**
 * A full-window cover over the whole app, used by the privacy screen and the screen lock. It is a modal (MUI's
 * Modal, so it is the top modal and an open dialog behind it cannot pull focus back), hides everything else (see
 * hideEverythingBut), and on closing gives focus back to what had it before, or to `returnFocus`, or to the main
 * content.
 */
export function ScreenCover({
  labelledBy,
  describedBy,
  testId,
  onEscape,
  onClick,
  onKeyDown,
  returnFocus,
  sx,
  children,
}: {
  readonly labelledBy: string;
  readonly describedBy?: string;
  readonly testId: string;
  /** Escape closes the cover (the privacy screen); without it, Escape does nothing (the lock). */
  readonly onEscape?: () => void;
  readonly onClick?: MouseEventHandler<HTMLDivElement>;
  readonly onKeyDown?: KeyboardEventHandler<HTMLDivElement>;
  /** Where focus goes on closing when what had it is gone (keep it stable: useCallback). */
  readonly returnFocus?: () => HTMLElement | null;
  readonly sx?: SxProps<Theme>;
  readonly children: ReactNode;
}) {
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  // What had focus when the cover came up (read once, before the cover takes focus).
  const [before] = useState<Element | null>(() => document.activeElement);
  useEffect(() => {
    if (!root) return;
    const modalRoot = root.closest<HTMLElement>('.MuiModal-root') ?? root;
    const undo = hideEverythingBut(modalRoot);
    return () => {
      undo();
      // After the app is visible and no longer inert again (the shell commits that before effects are cleaned up).
      const target = [before, returnFocus?.() ?? null, document.getElementById('main')].find(canTakeFocus);
      target?.focus();
    };
  }, [root, before, returnFocus]);

  return (
    <Modal
      open
      disableRestoreFocus
      onClose={(_e, reason) => {
        if (reason === 'escapeKeyDown') onEscape?.();
      }}
      hideBackdrop
      sx={{ zIndex: 20000 }}
    >
      <Box
        ref={setRoot}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        tabIndex={-1}
        data-testid={testId}
        onClick={onClick}
        onKeyDown={onKeyDown}
        sx={[{ position: 'fixed', inset: 0, outline: 'none', overflowY: 'auto' }, ...(Array.isArray(sx) ? sx : [sx])]}
      >
        {children}
      </Box>
    </Modal>
  );
}
