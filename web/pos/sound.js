// Short confirmation and error sounds, synthesised (no audio files to load).

let ctx = null;

function audio() {
  try {
    ctx ??= new AudioContext();
    if (ctx.state === "suspended") ctx.resume().catch(() => {});
    return ctx;
  } catch {
    return null; // no audio device: the visual confirmation is enough
  }
}

function tone(freq, start, length, volume = 0.12, type = "square") {
  const a = audio();
  if (!a) return;
  const osc = a.createOscillator();
  const gain = a.createGain();
  osc.type = type;
  osc.frequency.value = freq;
  const t0 = a.currentTime + start;
  gain.gain.setValueAtTime(volume, t0);
  gain.gain.exponentialRampToValueAtTime(0.0001, t0 + length);
  osc.connect(gain).connect(a.destination);
  osc.start(t0);
  osc.stop(t0 + length + 0.02);
}

/** A short high beep: the scan was taken. */
export function beepOk() {
  tone(1760, 0, 0.07, 0.08);
}

/** Two low buzzes: the code was refused. */
export function beepError() {
  tone(220, 0, 0.16, 0.14, "sawtooth");
  tone(196, 0.2, 0.22, 0.14, "sawtooth");
}

/** A soft rising pair: the sale is complete. */
export function chimeDone() {
  tone(880, 0, 0.1, 0.07, "sine");
  tone(1318, 0.11, 0.16, 0.07, "sine");
}
