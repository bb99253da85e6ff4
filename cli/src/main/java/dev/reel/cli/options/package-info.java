/**
 * The option groups commands share, as picocli mixins: each option name is declared once here and
 * means one thing in every command that takes it (runtime, output, progress, encoder).
 */
package dev.reel.cli.options;
