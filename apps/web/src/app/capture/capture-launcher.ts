import { inject, Injectable, Injector } from '@angular/core';

/**
 * Opens quick capture. The dialog and MatDialog load on first use, so neither weighs on the
 * first page; only one capture dialog is open at a time.
 */
@Injectable({ providedIn: 'root' })
export class CaptureLauncher {
  private readonly injector = inject(Injector);
  private open_ = false;

  async open(): Promise<void> {
    if (this.open_) return;
    this.open_ = true;
    try {
      const [{ MatDialog }, { CaptureDialog }] = await Promise.all([
        import('@angular/material/dialog'),
        import('./capture-dialog'),
      ]);
      const ref = this.injector.get(MatDialog).open(CaptureDialog, {
        width: '640px',
        maxWidth: 'calc(100vw - 16px)',
        autoFocus: 'first-tabbable',
        ariaLabelledBy: 'capture-title',
      });
      ref.afterClosed().subscribe(() => (this.open_ = false));
    } catch (error) {
      this.open_ = false;
      throw error;
    }
  }
}
