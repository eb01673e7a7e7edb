/**
 * Choosing files and folders. In Electron: the system's dialogs through the preload
 * (`window.civicdesk.dialogs`), so a clerk never types a path. In the browser preview there are no
 * such dialogs (a web page may not learn local paths), so a small window asks for the path to be
 * typed — the preview is a development and test tool running on the same computer as its core.
 * Screens ask `useFilePicker()` and never know which one they got.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChooseFolderRequest, FileDialogs, OpenFileRequest, SaveFileRequest } from '../../../../shared/contract';

export interface FilePicker extends FileDialogs {
  /** The system's dialogs (Electron); false where paths are typed (browser preview). */
  readonly native: boolean;
}

const FilePickerContext = createContext<FilePicker | null>(null);

interface Prompt {
  what: 'file' | 'folder';
  title: string;
  initial: string;
  resolve(path: string | null): void;
}

/** The dialogs the preload exposes, if any (read when the provider mounts). */
function nativeDialogs(): FileDialogs | undefined {
  return typeof window === 'undefined' ? undefined : window.civicdesk?.dialogs;
}

export function FilePickerProvider({ children, dialogs }: { children: ReactNode; dialogs?: FileDialogs }) {
  const [native] = useState(() => dialogs ?? nativeDialogs());
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const pending = useRef<Prompt | null>(null);

  const ask = useCallback((what: Prompt['what'], title: string, initial: string) => {
    // A second request while one is open: the first counts as cancelled.
    pending.current?.resolve(null);
    return new Promise<string | null>((resolve) => {
      const next: Prompt = { what, title, initial, resolve };
      pending.current = next;
      setPrompt(next);
    });
  }, []);

  const finish = useCallback((path: string | null) => {
    pending.current?.resolve(path);
    pending.current = null;
    setPrompt(null);
  }, []);

  const picker = useMemo<FilePicker>(() => {
    if (native) {
      return {
        native: true,
        openFile: (request: OpenFileRequest) => native.openFile(request).catch(() => null),
        saveFile: (request: SaveFileRequest) => native.saveFile(request).catch(() => null),
        chooseFolder: (request: ChooseFolderRequest) => native.chooseFolder(request).catch(() => null),
      };
    }
    return {
      native: false,
      openFile: (request) => ask('file', request.title, ''),
      saveFile: (request) => ask('file', request.title, request.defaultName),
      chooseFolder: (request) => ask('folder', request.title, ''),
    };
  }, [native, ask]);

  return (
    <FilePickerContext value={picker}>
      {children}
      {prompt && <PathPrompt key={prompt.initial + prompt.title} prompt={prompt} onDone={finish} />}
    </FilePickerContext>
  );
}

function PathPrompt({ prompt, onDone }: { prompt: Prompt; onDone(path: string | null): void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(prompt.initial);
  const submit = () => onDone(value.trim() || null);
  return (
    <Modal opened onClose={() => onDone(null)} title={prompt.title} size="lg" data-testid="path-prompt">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('importUi.pathPrompt.hint')}
          </Text>
          <TextInput
            data-autofocus
            label={prompt.what === 'folder' ? t('importUi.pathPrompt.folder') : t('importUi.pathPrompt.file')}
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
            spellCheck={false}
            autoComplete="off"
            data-testid="path-prompt-input"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onDone(null)} data-testid="path-prompt-cancel">
              {t('common.cancel')}
            </Button>
            <Button type="submit" disabled={!value.trim()} data-testid="path-prompt-ok">
              {t('importUi.pathPrompt.ok')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function useFilePicker(): FilePicker {
  const picker = useContext(FilePickerContext);
  if (!picker) throw new Error('useFilePicker outside FilePickerProvider');
  return picker;
}
