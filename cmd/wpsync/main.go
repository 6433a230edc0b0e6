// Command wpsync publishes a folder of Markdown files to WordPress.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], ioStreams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}, os.Getenv))
}
