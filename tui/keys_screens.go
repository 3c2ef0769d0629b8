package tui

// screenKeyTable says which keys each screen enables (and what they are
// called there), one function per stage; screenKeys applies the current
// screen's row after the keys every screen shares.
var screenKeyTable = map[stage]func(m Model, k *keyMap){
	stageWelcome:  welcomeKeys,
	stageStep:     stepKeys,
	stagePaste:    pasteKeys,
	stageChecks:   checksKeys,
	stageSave:     saveKeys,
	stageDone:     doneKeys,
	stageRotIntro: func(_ Model, k *keyMap) { on(&k.Next, &k.Quit, &k.Help); label(&k.Next, "start") },
	stageReplace:  func(m Model, k *keyMap) { m.replaceKeys(k) },
	stageRevoke:   func(m Model, k *keyMap) { m.revokeKeys(k) },
	stageAdminKey: adminKeyKeys,
	stageProvPlan: provPlanKeys,
	stageProvRun:  func(m Model, k *keyMap) { m.runKeys(k) },
}

func welcomeKeys(m Model, k *keyMap) {
	on(&k.Next, &k.Quit, &k.Help)
	label(&k.Next, "choose")
	if m.opts.Existing != nil {
		on(&k.Replace)
	}
}

func stepKeys(m Model, k *keyMap) {
	on(&k.Next, &k.Back, &k.Open, &k.Copy, &k.Quit, &k.Help)
	label(&k.Next, "next")
	if m.steps[m.cur().step].Skippable {
		on(&k.Skip)
	}
}

// pasteKeys: letters go to the input, so only keys that type nothing work.
func pasteKeys(_ Model, k *keyMap) {
	on(&k.Next, &k.Back, &k.Clear)
	label(&k.Next, "check key")
}

func checksKeys(m Model, k *keyMap) {
	on(&k.Back, &k.Quit, &k.Help)
	if m.keepOld {
		k.Back.SetHelp("esc", "back")
	} else {
		k.Back.SetHelp("esc", "another key")
	}
	if m.provisioning() {
		k.Back.SetEnabled(false) // the new key is saved already: nothing to go back to
	}
	if m.checkRun.phase == checkAsking {
		on(&k.Next, &k.Free)
		label(&k.Next, "run every check")
		return
	}
	if !m.busy() {
		on(&k.Rerun, &k.Next)
		label(&k.Next, m.checksNextLabel())
		// never replace a key with a failing one
		k.Next.SetEnabled(!(m.rotating() && m.anyFailed()))
	}
	if m.failedURL() != "" {
		on(&k.Open, &k.Copy)
		label(&k.Open, "open fix page")
	}
	if m.regionalOffer() != "" {
		on(&k.Fix)
		label(&k.Fix, "write base URL")
		if m.rotating() {
			label(&k.Fix, "check at regional host")
		}
	}
}

// checksNextLabel is what enter does once the checks are shown.
func (m Model) checksNextLabel() string {
	switch {
	case m.rotating():
		return "choose files"
	case m.keepOld, m.provisioning():
		return "finish"
	case m.anyFailed():
		return "save anyway"
	}
	return "save"
}

func saveKeys(m Model, k *keyMap) {
	if m.save.writing() {
		return
	}
	on(&k.Next, &k.Back, &k.Clear)
	k.Next.SetEnabled(m.save.planErr == nil) // change the path first
	label(&k.Next, "write")
	switch {
	case m.askAnyway:
		// Every key answers the question; only y saves.
		label(&k.Next, "no")
		k.Back.SetEnabled(false)
		k.Clear.SetEnabled(false)
	case m.save.phase == writeFailed:
		label(&k.Next, "retry")
	case m.folderMissing():
		k.Next.SetEnabled(m.opts.CreateDir != nil)
		label(&k.Next, "create folder")
	}
	if m.keyRejected() {
		on(&k.NextFile)
		label(&k.NextFile, "other field")
	}
	m.agentsToggleKeys(k)
}

func doneKeys(m Model, k *keyMap) {
	on(&k.Quit, &k.Help)
	if !m.recheck.checking {
		on(&k.Next)
		label(&k.Next, "exit")
	}
	m.pushKeys(k)
}

// adminKeyKeys: the admin-key route's key entry (letters go to the input).
func adminKeyKeys(m Model, k *keyMap) {
	on(&k.Next, &k.Back, &k.Clear)
	label(&k.Next, "use it")
	if m.prov.opts.Refusal != "" {
		k.Next.SetEnabled(false)
		k.Clear.SetEnabled(false)
	}
}

func provPlanKeys(m Model, k *keyMap) {
	on(&k.Next, &k.Back, &k.NextFile)
	label(&k.NextFile, "next field")
	label(&k.Next, "see the plan")
	switch {
	case m.prov.planning:
		k.Next.SetEnabled(false)
	case m.prov.planCurrent():
		label(&k.Next, "make it")
	}
}
