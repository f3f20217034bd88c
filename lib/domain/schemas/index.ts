export * from "./provider";
export * from "./home-agent";
export * from "./prefix";
export * from "./subscriber";
export * from "./user";
export * from "./list";
