// The shared skeleton while this page streams. Never above a [id] detail page: see components/ui/page-skeleton.tsx.
export { default } from "@/components/ui/page-skeleton";
