import { DOCUMENT, inject, Injectable, signal } from '@angular/core';

/** The parts of the Web Speech API this app uses (not in TypeScript's DOM types). */
interface SpeechRecognitionLike {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  onresult:
    | ((event: {
        resultIndex: number;
        results: ArrayLike<ArrayLike<{ transcript: string }> & { isFinal: boolean }>;
      }) => void)
    | null;
  onerror: ((event: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
}
type SpeechRecognitionCtor = new () => SpeechRecognitionLike;

/** Voice dictation through the browser's speech recognition, where the browser has it. */
@Injectable({ providedIn: 'root' })
export class Dictation {
  private readonly window = inject(DOCUMENT).defaultView as (Window & Record<string, unknown>) | null;
  private readonly ctor = (this.window?.['SpeechRecognition'] ?? this.window?.['webkitSpeechRecognition']) as
    SpeechRecognitionCtor | undefined;
  private recognition: SpeechRecognitionLike | null = null;

  readonly supported = this.ctor !== undefined;
  readonly listening = signal(false);
  /** A translation key (with its parameters) saying why dictation stopped. */
  readonly error = signal<{ key: string; params?: Record<string, unknown> } | null>(null);

  /** Starts listening; each final phrase goes to `onText`. */
  start(onText: (text: string) => void, lang = this.window?.navigator.language ?? 'en'): void {
    if (!this.ctor || this.recognition) return;
    const recognition = new this.ctor();
    recognition.lang = lang;
    recognition.continuous = true;
    recognition.interimResults = false;
    recognition.onresult = (event) => {
      for (let i = event.resultIndex; i < event.results.length; i++) {
        const result = event.results[i];
        if (result.isFinal) onText(result[0].transcript.trim());
      }
    };
    recognition.onerror = (event) =>
      this.error.set(
        event.error === 'not-allowed'
          ? { key: 'dictation.permission' }
          : { key: 'dictation.stopped', params: { reason: event.error } },
      );
    recognition.onend = () => this.stop();
    this.error.set(null);
    this.recognition = recognition;
    this.listening.set(true);
    recognition.start();
  }

  stop(): void {
    this.recognition?.stop();
    this.recognition = null;
    this.listening.set(false);
  }
}
