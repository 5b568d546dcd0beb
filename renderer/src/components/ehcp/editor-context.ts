import { createContext, useContext } from 'react';
import type { ContentIn } from './plan-model';

/** What the editor's sections ask of the page: undo after a removal, and a polite announcement for screen readers. */
export interface EditorActions {
  readonly removed: (snapshot: ContentIn, row: string) => void;
  readonly announce: (message: string) => void;
}

export const EditorActionsContext = createContext<EditorActions>({ removed: () => undefined, announce: () => undefined });

export function useEditorActions(): EditorActions {
  return useContext(EditorActionsContext);
}
