// Before and after in step: once there is a result, playing, pausing or seeking either player does
// the same to the other, so a person sees the same instant of both and can judge the lips. The
// source is muted while the pair plays: what you hear is the new soundtrack.

const DRIFT_S = 0.15; // two players drift apart; past this the source is put back on the result's time

export class InStep {
  constructor(before, after, button) {
    this.before = before;
    this.after = after;
    this.button = button;
    this.linked = false;
    for (const [a, b] of [[before, after], [after, before]]) {
      a.addEventListener('play', () => this.linked && b.paused && b.play().catch(() => {}));
      a.addEventListener('pause', () => this.linked && !b.paused && b.pause());
      a.addEventListener('seeking', () => {
        if (this.linked && Math.abs(b.currentTime - a.currentTime) > 0.05) {
          b.currentTime = a.currentTime;
        }
      });
      a.addEventListener('play', () => this.label());
      a.addEventListener('pause', () => this.label());
    }
    after.addEventListener('timeupdate', () => {
      if (this.linked && !after.paused && Math.abs(before.currentTime - after.currentTime) > DRIFT_S) {
        before.currentTime = after.currentTime;
      }
    });
    button.addEventListener('click', () => {
      if (after.paused) {
        before.currentTime = after.currentTime;
        after.play().catch(() => {});
      } else {
        after.pause();
      }
    });
  }

  /** Links the two (there is a result to compare with) or unlinks them. */
  link(on) {
    this.linked = on;
    this.button.disabled = !on;
    this.before.muted = on;
    if (!on && !this.after.paused) {
      this.after.pause();
    }
    this.label();
  }

  label() {
    this.button.textContent = this.linked && !this.after.paused ? 'Pause both' : 'Play both';
  }
}
