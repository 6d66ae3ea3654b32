// The same mark Factdesk's story list sets once it is drawn, so one probe times both.
performance.mark("factdesk:list-drawn");
