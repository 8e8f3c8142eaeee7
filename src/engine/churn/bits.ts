/** Growable arrays indexed by sequence number (clients receive an unknown number of them). */
export class GrowBits {
  private bytes = new Uint8Array(64);

  has(i: number): boolean {
    return ((this.bytes[i >> 3] ?? 0) & (1 << (i & 7))) !== 0;
  }

  set(i: number): void {
    if (i >> 3 >= this.bytes.length) {
      const next = new Uint8Array(Math.max(this.bytes.length * 2, (i >> 3) + 1));
      next.set(this.bytes);
      this.bytes = next;
    }
    this.bytes[i >> 3] = (this.bytes[i >> 3] ?? 0) | (1 << (i & 7));
  }

  toBase64(): string {
    return Buffer.from(this.bytes).toString('base64');
  }

  static fromBase64(text: string): GrowBits {
    const b = new GrowBits();
    const raw = Buffer.from(text, 'base64');
    b.bytes = new Uint8Array(Math.max(64, raw.length));
    b.bytes.set(raw);
    return b;
  }
}

export class GrowFloats {
  private values = new Float64Array(256);
  length = 0;

  push(v: number): void {
    if (this.length === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.length++] = v;
  }

  at(i: number): number | undefined {
    return i < this.length ? this.values[i] : undefined;
  }

  /** First index whose value is >= v (values ascending). */
  lowerBound(v: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.values[mid] ?? 0) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
