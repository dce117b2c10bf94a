package io.mouthpiece.engine.motion;

/**
 * What the lips do for a class of phonemes (a viseme), in terms relative to a speaker's own range,
 * and how strongly the class holds its shape against its neighbours (its dominance, after Cohen &
 * Massaro's 1993 coarticulation model). The classes and targets are the textbook articulatory ones
 * (lips pressed for bilabials, lower lip to the teeth for labiodentals, jaw lowest for open vowels,
 * lips rounded for back rounded vowels and spread for front ones), not fitted to any clip.
 *
 * @param aperture how open, 0 the speaker's closed mouth to 1 their 95th-percentile opening
 * @param width -1 the speaker's narrowest (5th percentile, rounded) to 1 their widest (95th, spread), 0 their median
 * @param jaw 0 the closed mouth's jaw to 1 the 95th-percentile jaw
 * @param dominance how strongly it keeps its shape against its neighbours' (a vowel's is 1)
 */
public enum Viseme {
  /**
   * p, b, m: the lips pressed together. Held shut over its span by {@link PhonemeMotion} whatever
   * the blend gives, so its pull on its neighbours is a vowel's, not more.
   */
  SHUT(0, 0, 0, 1),
  /** f, v: the lower lip against the upper teeth, nearly shut; it must reach the teeth, so it pulls harder than a vowel. */
  LIP_TO_TEETH(0.1, 0, 0.1, 1.5),
  /** w, r and the post-alveolars (sh, zh, ch, j): lips narrowed and pushed forward. */
  ROUNDED_CONSONANT(0.2, -0.8, 0.2, 1.2),
  /** Open vowels (a, ɑ, ʌ, ɒ, and diphthongs starting open): the jaw lowest. */
  OPEN_VOWEL(1, 0.2, 1, 1),
  /** Central and open-mid vowels (schwa, ɜ, ɛ). */
  MID_VOWEL(0.6, 0.1, 0.5, 1),
  /** Close and close-mid front vowels (i, ɪ, e) and j: lips spread. */
  SPREAD_VOWEL(0.3, 1, 0.3, 1),
  /** Rounded vowels (u, ʊ, o, ɔ, y): lips narrow and rounded. */
  ROUNDED_VOWEL(0.4, -1, 0.4, 1.2),
  /**
   * Consonants made by the tongue (t, d, n, l, s, z, k, g, ŋ, h, θ, ð, x): the lips are free and
   * take the shape of the sounds around them, so their dominance is low.
   */
  TONGUE(0.3, 0, 0.3, 0.25),
  /** A pause: the mouth at rest, closed. */
  REST(0, 0, 0, 1),
  /**
   * A short break between words or syllables (espeak-ng's "_|"): the lips head for rest only as
   * far as its neighbours let them, as in running speech they do not close between words.
   */
  BREAK(0, 0, 0, 0.25);

  private final double aperture;
  private final double width;
  private final double jaw;
  private final double dominance;

  Viseme(double aperture, double width, double jaw, double dominance) {
    this.aperture = aperture;
    this.width = width;
    this.jaw = jaw;
    this.dominance = dominance;
  }

  public double aperture() {
    return aperture;
  }

  public double width() {
    return width;
  }

  public double jaw() {
    return jaw;
  }

  public double dominance() {
    return dominance;
  }

  /**
   * The class of one of espeak-ng's phoneme mnemonics (its Kirshenbaum-like ASCII names, the same
   * for every language: "p", "aI", "@2", "tS", "_:"), read from its first letters; stress, length and
   * tone marks after them do not change the lips' shape.
   */
  public static Viseme of(String phoneme) {
    if (phoneme.startsWith("_|")) {
      return BREAK;
    }
    if (phoneme.startsWith("_")) {
      return REST;
    }
    if (phoneme.startsWith("tS") || phoneme.startsWith("dZ")) {
      return ROUNDED_CONSONANT;
    }
    return switch (phoneme.charAt(0)) {
      case 'p', 'b', 'm' -> SHUT;
      case 'f', 'v' -> LIP_TO_TEETH;
      case 'w', 'r', 'S', 'Z' -> ROUNDED_CONSONANT;
      case 'a', 'A', 'V', '0' -> OPEN_VOWEL;
      case '@', '3', 'E' -> MID_VOWEL;
      case 'i', 'I', 'e', 'j' -> SPREAD_VOWEL;
      case 'u', 'U', 'o', 'O', 'y', 'Y' -> ROUNDED_VOWEL;
      default -> TONGUE;
    };
  }
}
