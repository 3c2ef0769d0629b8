package openai

import "testing"

func TestMaskURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://api.openai.com/v1", "https://api.openai.com/v1"},
		{"https://user:hunter2@gw.example.invalid/v1?api_key=s3cret#frag", "https://user:***@gw.example.invalid/v1?api_key=***"},
		{"https://user@gw.example.invalid/v1", "https://user@gw.example.invalid/v1"},
		{"https://gw.example.invalid/v1?a=1&token=s3cret&bare", "https://gw.example.invalid/v1?a=***&token=***&***"},
		{"http://localhost:8080/v1#access_token=s3cret", "http://localhost:8080/v1"},
		{"  https://gw.example.invalid/v1?key=s3cret  ", "https://gw.example.invalid/v1?key=***"},
		{"https://us%er:pa%ss@gw/v1?k=s3cret", "https://us%er:***@gw/v1?k=***"}, // does not parse
		{"gw:hunter2@host/v1?k=s3cret#x", "gw:***@host/v1?k=***"},               // no scheme
		{"", ""},
	}
	for _, tt := range tests {
		if got := MaskURL(tt.in); got != tt.want {
			t.Errorf("MaskURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHostOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://api.openai.com/v1", "api.openai.com"},
		{"http://127.0.0.1:8080/v1?k=s3cret", "127.0.0.1:8080"},
		{"https://user:hunter2@gw.example.invalid/v1", "gw.example.invalid"},
		{"gw:hunter2@host/v1?k=s3cret", "gw:***@host/v1?k=***"}, // no host: masked
		{"", ""},
	}
	for _, tt := range tests {
		if got := HostOf(tt.in); got != tt.want {
			t.Errorf("HostOf(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
