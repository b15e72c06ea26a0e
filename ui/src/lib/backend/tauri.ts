import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { save } from '@tauri-apps/plugin-dialog';
import type { CommandName, Commands } from '$bindings/tremplin';
import { BackendError, type Backend } from './types';

/** The desktop shell: one Tauri command forwards every call to the app layer. */
export class TauriBackend implements Backend {
  async call<K extends CommandName>(name: K, args: Commands[K][0]): Promise<Commands[K][1]> {
    try {
      return await invoke<Commands[K][1]>('call', { name, args: args ?? null });
    } catch (e) {
      throw BackendError.from(e);
    }
  }

  listen<T>(event: string, handler: (payload: T) => void): Promise<() => void> {
    return listen<T>(event, (e) => handler(e.payload));
  }

  async savePath(defaultName: string): Promise<string | null> {
    const ext = defaultName.split('.').pop() ?? 'pdf';
    return save({ defaultPath: defaultName, filters: [{ name: ext.toUpperCase(), extensions: [ext] }] });
  }
}
