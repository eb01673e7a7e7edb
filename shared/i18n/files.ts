/**
 * 文件 files: choosing files and folders (the browser preview's path prompt) and the core's refusals
 * of a file a call may not read or write.
 */
import { defineMessages } from './messages';

export const filesMessages = defineMessages({
  'zh-CN': {
    files: {
      prompt: {
        hint: '浏览器预览中无法打开系统的文件对话框，请输入完整路径（预览与数据在同一台电脑上，且只能使用启动预览时指定的文件夹内的文件）。',
        file: '文件路径',
        folder: '文件夹路径',
        overwrite: '文件已存在时替换它',
        ok: '确定',
        outside: '只能选择文件夹“{{root}}”内的文件。请换一个路径，或用 --files 指定其他文件夹重新启动预览。',
        refused: '无法使用这个路径，请换一个完整路径。',
      },
    },
    validation: {
      files: {
        not_chosen: '请通过“选择文件”对话框选择文件，不能直接填写路径。',
        expired: '对文件“{{file}}”的选择已过期，请重新选择。',
        wrong_use: '文件“{{file}}”不是为这个操作选择的，请重新选择。',
        protected: '不能使用“{{file}}”：它是数据库本身、其密钥文件或备份。请另选一个文件名或位置。',
        is_folder: '“{{file}}”是一个文件夹，请选择文件。',
        exists: '文件“{{file}}”已存在。请另起一个文件名，或在保存对话框中确认替换。',
      },
    },
  },
  en: {
    files: {
      prompt: {
        hint: 'The browser preview cannot open the system’s file dialogs: type the full path (the preview runs on the same computer as its data, and only files inside the folder it was started with can be used).',
        file: 'File path',
        folder: 'Folder path',
        overwrite: 'Replace the file if it exists',
        ok: 'OK',
        outside: 'Only files inside the folder “{{root}}” can be chosen. Type another path, or restart the preview with --files naming another folder.',
        refused: 'This path cannot be used; type another full path.',
      },
    },
    validation: {
      files: {
        not_chosen: 'Choose the file with the file dialog; a typed path is not accepted.',
        expired: 'The choice of “{{file}}” has expired; choose the file again.',
        wrong_use: '“{{file}}” was not chosen for this; choose the file again.',
        protected: '“{{file}}” cannot be used: it is the database itself, its key file or a backup. Choose another name or place.',
        is_folder: '“{{file}}” is a folder; choose a file.',
        exists: '“{{file}}” already exists. Choose another name, or confirm replacing it in the save dialog.',
      },
    },
  },
});
