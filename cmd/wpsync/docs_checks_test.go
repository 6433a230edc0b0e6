package main

import (
	"regexp"
	"slices"
	"testing"

	"github.com/wpsync/wpsync/internal/doctor"
)

// docCheckRE is how the docs name one of doctor's checks: "its `Mermaid
// diagrams` check", "doctor's `folder` check".
var docCheckRE = regexp.MustCompile("(?:its|doctor's)\\s+`([^`]+)`\\s+check")

// TestDocs_DoctorChecks: a check the docs name is named as doctor prints
// it, so that a reader finds it in doctor's output.
func TestDocs_DoctorChecks(t *testing.T) {
	titles := doctor.Titles()
	if doctor.Title(doctor.IDDiagrams) != "Mermaid diagrams" {
		t.Fatalf("Title(%q) = %q", doctor.IDDiagrams, doctor.Title(doctor.IDDiagrams))
	}
	seen := 0
	for _, rel := range docFiles(t) {
		for _, m := range docCheckRE.FindAllStringSubmatch(readDoc(t, rel), -1) {
			seen++
			if !slices.Contains(titles, m[1]) {
				t.Errorf("%s names doctor's check %q, which doctor prints as none of %q", rel, m[1], titles)
			}
		}
	}
	if seen == 0 {
		t.Errorf("no doc names a doctor check as \"its `…` check\"")
	}
}
