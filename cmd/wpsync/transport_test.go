package main

import (
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TLS certificates are verified; --ca-cert trusts a private authority.
func TestHTTPClient_TLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()

	hc, err := httpClient(srv.URL, &connFlags{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := hc.Get(srv.URL); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("a certificate from an unknown authority was accepted: %v", err)
	}

	caFile := filepath.Join(t.TempDir(), "ca.pem")
	pemData := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(caFile, pemData, 0o644); err != nil {
		t.Fatal(err)
	}
	hc, err = httpClient(srv.URL, &connFlags{caCert: caFile})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := hc.Get(srv.URL)
	if err != nil {
		t.Fatalf("with --ca-cert: %v", err)
	}
	resp.Body.Close()

	if _, err := httpClient(srv.URL, &connFlags{caCert: filepath.Join(t.TempDir(), "none.pem")}); err == nil {
		t.Error("a missing --ca-cert file was accepted")
	}
}

// Credentials go in the clear only to this machine, or when allowed.
func TestHTTPClient_PlainHTTP(t *testing.T) {
	tests := []struct {
		url   string
		allow bool
		ok    bool
	}{
		{"http://127.0.0.1:8080", false, true},
		{"http://localhost", false, true},
		{"http://[::1]:80", false, true},
		{"http://example.com", false, false},
		{"http://192.168.1.5", false, false},
		{"http://example.com", true, true},
		{"https://example.com", false, true},
	}
	for _, tt := range tests {
		_, err := httpClient(tt.url, &connFlags{allowInsecureHTTP: tt.allow})
		if (err == nil) != tt.ok {
			t.Errorf("httpClient(%s, allow=%v) error = %v, want ok=%v", tt.url, tt.allow, err, tt.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "--allow-insecure-http") {
			t.Errorf("refusal %q does not say how to allow it", err)
		}
	}
}
