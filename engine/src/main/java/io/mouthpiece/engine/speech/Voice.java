package io.mouthpiece.engine.speech;

/**
 * One voice a client can ask for: its id (what requests send), its language ({@code en} or
 * {@code zh}, Kling's voice_language), the synthesiser's own name for it (put in the command as
 * {@code {voice}}), and a few words on how it sounds.
 */
public record Voice(String id, String language, String synthesiserVoice, String description) {}
