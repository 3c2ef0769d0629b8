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

func TestIsOpenAIBaseURL(t *testing.T) {
	for raw, want := range map[string]bool{
		"https://api.openai.com/v1":    true,
		"https://us.api.openai.com/v1": true,
		"http://api.openai.com/v1":     false,
		"https://example.invalid/v1":   false,
		"::not a url":                  false,
	} {
		if got := IsOpenAIBaseURL(raw); got != want {
			t.Errorf("IsOpenAIBaseURL(%q) = %v, want %v", raw, got, want)
		}
	}
}

func TestIsAzureHost(t *testing.T) {
	for host, want := range map[string]bool{
		"myres.openai.azure.com":              true,
		"MyRes.OpenAI.Azure.com.":             true,
		"myres.cognitiveservices.azure.com":   true,
		"myres.services.ai.azure.com":         true,
		"openai.azure.com":                    false,
		"api.openai.com":                      false,
		"myres.openai.azure.com.evil.invalid": false,
	} {
		if got := IsAzureHost(host); got != want {
			t.Errorf("IsAzureHost(%q) = %v, want %v", host, got, want)
		}
	}
}
