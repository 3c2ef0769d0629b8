package openai

import "testing"

func TestIsOpenAIHost(t *testing.T) {
	for host, want := range map[string]bool{
		"api.openai.com":         true,
		"API.OpenAI.com.":        true,
		"us.api.openai.com":      true,
		"eu.api.openai.com":      true,
		"x.api.openai.com":       false, // one letter is not a region
		"api.openai.com.evil.io": false,
		"evil-api.openai.com":    false,
		"us.api.openai.com:443":  false, // hosts are given without a port
		"openai.com":             false,
		"":                       false,
	} {
		if got := IsOpenAIHost(host); got != want {
			t.Errorf("IsOpenAIHost(%q) = %v, want %v", host, got, want)
		}
	}
}
