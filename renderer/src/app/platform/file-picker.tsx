/**
 * Choosing files and folders. In Electron: the system's dialogs through the preload
 * (`window.civicdesk.dialogs`), so a clerk never types a path. In the browser preview there are no
 * such dialogs (a web page may not learn local paths), so a small window asks for the path to be
 * typed and the preview server makes it a handle — only inside the folder the preview was started
 * with. Either way a screen gets a `ChosenFile`: the handle it passes in calls, and a name and path
 * to show. Screens ask `useFilePicker()` and never know which one they got.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChooseFolderRequest, ChosenFile, FileDialogs, FileUse, OpenFileRequest, PathChoice, SaveFileRequest } from '../../../../shared/contract';
import { useApi } from '../api/api-context';

export interface FilePicker extends FileDialogs {
  /** The system's dialogs (Electron); false where paths are typed (browser preview). */
  readonly native: boolean;
}

const FilePickerContext = createContext<FilePicker | null>(null);

interface Prompt {
  use: FileUse;
  title: string;
  initial: string;
  resolve(file: ChosenFile | null): void;
}

export function FilePickerProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [{ dialogs: native, choosePath }] = useState(() => api.files);
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const pending = useRef<Prompt | null>(null);

  const ask = useCallback((use: FileUse, title: string, initial: string) => {
    // A second request while one is open: the first counts as cancelled.
    pending.current?.resolve(null);
    return new Promise<ChosenFile | null>((resolve) => {
      const next: Prompt = { use, title, initial, resolve };
      pending.current = next;
      setPrompt(next);
    });
  }, []);

  const finish = useCallback((file: ChosenFile | null) => {
    pending.current?.resolve(file);
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
      openFile: (request) => ask('read', request.title, ''),
      saveFile: (request) => ask('write', request.title, request.defaultName),
      chooseFolder: (request) => ask('folder', request.title, ''),
    };
  }, [native, ask]);

  const resolvePath = useCallback(
    (path: string, use: FileUse, overwrite: boolean): Promise<PathChoice> =>
      choosePath ? choosePath({ path, use, overwrite }) : Promise.resolve({ ok: false, reason: 'refused' }),
    [choosePath],
  );

  return (
    <FilePickerContext value={picker}>
      {children}
      {prompt && <PathPrompt key={prompt.initial + prompt.title} prompt={prompt} resolvePath={resolvePath} onDone={finish} />}
    </FilePickerContext>
  );
}

function PathPrompt({ prompt, resolvePath, onDone }: { prompt: Prompt; resolvePath(path: string, use: FileUse, overwrite: boolean): Promise<PathChoice>; onDone(file: ChosenFile | null): void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(prompt.initial);
  const [overwrite, setOverwrite] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const typed = value.trim();
    if (!typed) return;
    setBusy(true);
    const answer = await resolvePath(typed, prompt.use, overwrite);
    setBusy(false);
    if (answer.ok) onDone(answer.file);
    else setProblem(answer.reason === 'outside' ? t('files.prompt.outside', { root: answer.root ?? '' }) : t('files.prompt.refused'));
  };
  return (
    <Modal opened onClose={() => onDone(null)} title={prompt.title} size="lg" data-testid="path-prompt">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('files.prompt.hint')}</Text>
          <TextInput
            data-autofocus
            label={prompt.use === 'folder' ? t('files.prompt.folder') : t('files.prompt.file')}
            value={value}
            onChange={(event) => {
              setValue(event.currentTarget.value);
              setProblem(null);
            }}
            error={problem}
            spellCheck={false}
            autoComplete="off"
            data-testid="path-prompt-input"
          />
          {prompt.use === 'write' && (
            <Checkbox
              label={t('files.prompt.overwrite')}
              checked={overwrite}
              onChange={(event) => setOverwrite(event.currentTarget.checked)}
              data-testid="path-prompt-overwrite"
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onDone(null)} data-testid="path-prompt-cancel">
              {t('common.cancel')}
            </Button>
            <Button type="submit" disabled={!value.trim()} loading={busy} data-testid="path-prompt-ok">
              {t('files.prompt.ok')}
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
