package io.mouthpiece.engine.media;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * Sees what a {@link VideoWriter} hands its encoders, for tests that compare two renders. The
 * files themselves cannot be compared bit for bit: x264's macroblock tree reads memory nobody wrote
 * when the width is not a multiple of 64, so the same frames can come out a few bits apart from one
 * run to the next, depending on what the process freed before (with glibc's MALLOC_PERTURB_ at 0, 1
 * and 2, one process encoding the same frames on one thread writes three different files; at a
 * width of 512, or with mbtree=0, one file, but mbtree=0 makes it 30% larger). What the engine
 * decides, the pictures, their places on the timeline and the soundtrack, goes through here.
 */
public interface EncoderTap {
  /** One picture as handed over: its frame number on the output's grid and its I420 bytes. */
  void picture(long frameNumber, ByteBuffer i420);

  /** One block of the soundtrack as handed over: interleaved samples at the stream's rate. */
  void samples(FloatBuffer interleaved);
}
