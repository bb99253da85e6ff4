/**
 * What every command package uses and nothing in the CLI below it: exit codes, user errors and how
 * they are shown, the parser of lengths, bitrates and sizes, and running a graph to its end.
 */
package dev.reel.cli.common;
