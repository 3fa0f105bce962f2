"use client";
import { useSyncExternalStore } from "react";

export type ColorScheme = "light" | "dark";

function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

const current = (): ColorScheme => (document.documentElement.classList.contains("dark") ? "dark" : "light");

/** The app's theme: the `dark` class on <html>, followed as the theme toggle changes it. */
export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribe, current, () => "light");
}
