// Intentionally empty: the cost of starting Node and loading one module.
export {};
