// SlotlineMeetings: meetings on providers (Zoom, sandbox, Jitsi), OAuth 2.0 connections and their tokens.
